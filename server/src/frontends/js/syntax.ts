/** The table through which the JS/TS syntax walkers recurse (walker.ts `Syntax`). */
import { walkClass, walkFunction } from './functions';
import { walkJsx } from './jsx';
import { assignmentExpression, statement, walkStatements } from './statements';
import type { Syntax } from './walker';

export const SYNTAX: Syntax = { statement, walkStatements, assignmentExpression, walkFunction, walkClass, walkJsx };
