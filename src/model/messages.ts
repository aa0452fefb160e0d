import { z } from 'zod';

/**
 * zod's own words where they would puzzle a person. A field left out (a query without `q`, a CSV
 * row with an empty `from`, an item without `evidence`) is "required but missing", not "Invalid
 * input: expected string, received undefined". Set once for the process; a schema's own message
 * still wins over this one.
 */
z.config({
  customError: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'required but missing' : undefined,
});
