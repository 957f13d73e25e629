// `vaultsim init [FILE]`: write a commented starter scenario. Planning (which template,
// where, whether it may overwrite) is pure; the write is one call at the end.

import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  DEFAULT_TEMPLATE,
  findTemplate,
  TEMPLATE_SCHEMA,
  TEMPLATES,
  type Template,
} from '../../scenarios/templates/index.js';
import { writeFileAtomic } from '../atomic-file.js';
import { InputError } from '../errors.js';
import { packageInfo } from '../package-info.js';

/** What init was asked for. */
export interface InitOptions {
  template?: string;
  force?: boolean;
}

/** The file to write and the text to write into it. */
export interface InitPlan {
  file: string;
  path: string;
  template: Template;
  overwrite: boolean;
  /** The text to write: the template, its `$schema` line pointing at the shipped schema from `path`. */
  text: string;
}

/** The templates as aligned `name  description` lines. */
export function renderTemplateList(): string {
  const width = Math.max(...TEMPLATES.map((t) => t.name.length));
  return TEMPLATES.map(
    (t) => `${t.name.padEnd(width)}  ${t.description}${t.name === DEFAULT_TEMPLATE ? ' (default)' : ''}\n`,
  ).join('');
}

/** Decides what to write; throws InputError for an unknown template. */
export function planInit(file: string, cwd: string, options: InitOptions): InitPlan {
  const name = options.template ?? DEFAULT_TEMPLATE;
  const template = findTemplate(name);
  if (template === undefined) {
    throw new InputError(
      `unknown template "${name}"; choose one of ${TEMPLATES.map((t) => t.name).join(', ')} (vaultsim init --list)`,
    );
  }
  const path = resolve(cwd, file);
  return { file, path, template, overwrite: options.force === true, text: withSchema(template.text, path) };
}

/** The shipped scenario schema: scenarios/scenario.schema.json in vaultsim's package folder, if there. */
export function shippedSchema(): string | null {
  const root = packageInfo()?.root;
  const schema = root === undefined ? null : join(root, 'scenarios', 'scenario.schema.json');
  return schema !== null && existsSync(schema) ? schema : null;
}

// Points the template's `$schema` line at the shipped schema, relative to the file written
// (an editor resolves it from there); the template's own line stays when there is none.
function withSchema(text: string, path: string): string {
  const schema = shippedSchema();
  if (schema === null) return text;
  let ref = relative(dirname(path), schema).split(sep).join('/');
  if (!ref.startsWith('.')) ref = `./${ref}`;
  return text.replace(`$schema=${TEMPLATE_SCHEMA}`, `$schema=${ref}`);
}

/** Writes the planned file; without overwrite, an existing file is an InputError, never clobbered. */
export function writeInit(plan: InitPlan): string {
  try {
    // Written whole under a temporary name, then put in place; without overwrite, link()
    // fails if the file exists, atomically: no window between a check and the write.
    writeFileAtomic(plan.path, plan.file, plan.text, !plan.overwrite);
  } catch (error) {
    throw new InputError(writeProblem(plan.file, (error as Error).cause ?? error));
  }
  return `wrote ${plan.file} from template ${plan.template.name}; check it with: vaultsim validate ${plan.file}\n`;
}

function writeProblem(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') return `${file} already exists; pass --force to overwrite it`;
  if (code === 'ENOENT') return `cannot write ${file}: its directory does not exist`;
  if (code === 'EISDIR') return `cannot write ${file}: it is a directory`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot write ${file}: permission denied`;
  return `cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`;
}
