// `diff`: which findings appeared and which disappeared between two runs,
// matched by repo+file+rule+line-text hash so moved lines are not churn.
import { findingKey, sameRepos, verdictFor } from './common.mjs';

/** Findings of `a` with no counterpart in `b`, counting duplicates of one key. */
function missingFrom(a, b) {
  const left = new Map();
  for (const f of b) left.set(findingKey(f), (left.get(findingKey(f)) ?? 0) + 1);
  const out = [];
  for (const f of a) {
    const n = left.get(findingKey(f)) ?? 0;
    if (n > 0) left.set(findingKey(f), n - 1);
    else out.push(f);
  }
  return out;
}

export function diffFindings(before, after) {
  return { appeared: missingFrom(after, before), disappeared: missingFrom(before, after) };
}

function groups(list) {
  const byGroup = new Map();
  for (const f of list) {
    const g = `${f.repo} ${f.rule}`;
    byGroup.set(g, [...(byGroup.get(g) ?? []), f]);
  }
  return [...byGroup.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function tally(list, verdicts) {
  const t = { right: 0, wrong: 0, unjudged: 0 };
  for (const f of list) t[verdictFor(verdicts, f)?.verdict ?? 'unjudged']++;
  return t;
}

/** Prints the change; a disappeared finding judged right is a loss of recall, so each line shows its verdict. */
export function printDiff(before, after, verdicts) {
  const runs = sameRepos(before, after);
  const { appeared, disappeared } = diffFindings(runs.before, runs.after);
  if (runs.skipped.length) console.log(`not in both runs, left out: ${[...new Set(runs.skipped)].join(', ')}\n`);
  for (const [title, list] of [
    ['disappeared', disappeared],
    ['appeared', appeared],
  ]) {
    console.log(`## ${title}: ${list.length}`);
    for (const [group, fs] of groups(list)) {
      console.log(`${group} (${fs.length})`);
      for (const f of fs) {
        const v = verdictFor(verdicts, f);
        console.log(`  ${f.file}:${f.line}  [${v ? v.verdict : 'unjudged'}]${v?.why ? ` ${v.why}` : ''}`);
      }
    }
  }
  const gone = tally(disappeared, verdicts);
  const come = tally(appeared, verdicts);
  console.log(
    `\ndisappeared: ${gone.wrong} judged wrong (false alarms removed), ${gone.right} judged right (recall lost), ${gone.unjudged} unjudged`,
  );
  console.log(`appeared: ${come.right} right, ${come.wrong} wrong, ${come.unjudged} unjudged`);
  return { appeared, disappeared };
}
