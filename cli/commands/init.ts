// `vaultsim init [FILE]`: write a commented starter scenario. Planning (which template,
// where, whether it may overwrite) is pure; the write is one call at the end.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_TEMPLATE, findTemplate, TEMPLATES, type Template } from '../../scenarios/templates/index.js';
import { InputError } from '../errors.js';

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
  return { file, path: resolve(cwd, file), template, overwrite: options.force === true };
}

/** Writes the planned file; without overwrite, an existing file is an InputError, never clobbered. */
export function writeInit(plan: InitPlan): string {
  try {
    // 'wx' fails if the file exists, atomically: no window between a check and the write.
    writeFileSync(plan.path, plan.template.text, { encoding: 'utf8', flag: plan.overwrite ? 'w' : 'wx' });
  } catch (error) {
    throw new InputError(writeProblem(plan.file, error));
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
