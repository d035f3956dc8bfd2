// Reading VS Code's activation figures for one extension, kept apart from
// bench/activation-host.cjs (which needs the `vscode` module) so that it can
// be unit tested (test/bench-activation.test.ts).

/**
 * The extension's row of the "Extension Activation Stats" table that
 * "Developer: Startup Performance" renders (perfviewEditor.ts):
 * | Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By |
 * Undefined while the document still reads "Loading..." or lacks the row.
 */
function activationRow(text, extensionId) {
  const at = text.indexOf('## Extension Activation Stats');
  if (at < 0) return undefined;
  for (const line of text.slice(at).split('\n').slice(1)) {
    if (line.startsWith('## ')) break;
    const cells = line.split('|').map((c) => c.trim());
    if (cells[1] !== extensionId) continue;
    const [, , eager, load, call, finish, event, by] = cells;
    const nums = [load, call, finish].map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN));
    // -1 is VS Code's "not measured" (e.g. a failed activation).
    if (!nums.every((n) => Number.isFinite(n) && n >= 0)) return undefined;
    return {
      eager: eager === 'true',
      codeLoadingTime: nums[0],
      activateCallTime: nums[1],
      activateResolvedTime: nums[2],
      event,
      by,
    };
  }
  return undefined;
}

const MARK =
  /^code\/extHost\/(willLoadExtensionCode|didLoadExtensionCode|willActivateExtension|didActivateExtension)\/(.+)$/;

/** The four activation marks of the extension (epoch ms) from VS Code's mark list, or undefined. */
function extensionMarks(marks, extensionId) {
  const found = {};
  for (const { name, startTime } of marks) {
    const m = MARK.exec(name);
    if (m && m[2] === extensionId) found[m[1]] = startTime;
  }
  return Object.keys(found).length === 4 ? found : undefined;
}

module.exports = { activationRow, extensionMarks };
