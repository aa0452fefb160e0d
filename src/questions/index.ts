/**
 * Saved questions: the question files (`questions/`), their validation with file:line problems,
 * and the runner that answers one through the GraphStore port. Everything outside src/questions
 * imports it from here.
 */
export { loadQuestions, parseQuestionFile, QuestionFilesError, QUESTIONS_DIR } from './load';
export { parametersSchema, RESERVED_PARAMETERS, resolveParameters, type ParameterValues } from './parameters';
export { runQuestion } from './run';
export { QuestionSchema } from './schema';
