/** Saved questions: the files (format in src/model/questions.ts), checked to file:line, and their runner. */
export { loadQuestions, QuestionFilesError, QUESTIONS_DIR } from './load';
export { runQuestion } from './run';
