/**
 * `npm run org:import -- <dir> [--apply] [--env <envId> | --local http://127.0.0.1:8787]`
 *
 * Imports a district's organisation from <dir>/boundaries.geojson, <dir>/departments.csv and <dir>/staff.csv (any
 * of them; formats in docs/ORG-IMPORT.md). The same pure validation and diff as the admin screen
 * (src/domain/org/import): a malformed file prints a line-by-line report (file, line, field, reason) and exits 1;
 * otherwise it prints what would change per collection. Without --env/--local it compares against an empty
 * organisation (a check of the files only). With --apply it writes the changes through wx-server-sdk — every document
 * with its audit line in `adminLog`, in transactions of 50 — and saves the new people's invite codes to
 * <dir>/invites-<time>.csv. For districts too large for one request of the admin screen (> 2 million characters).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { COLLECTION_LABELS, EMPTY_STORED, IMPORT_FILES, diffImport, invitesCsv, parseImport, type ImportFiles, type ImportPlan, type StoredOrg } from '../src/domain/org/import/org-import';
import { localSdkEnv } from './seed';

import { CODE_ALPHABET } from '../cloudfunctions/api/src/admin/common';

export function readImportDir(dir: string): ImportFiles {
  const files: ImportFiles = {};
  for (const [k, name] of Object.entries(IMPORT_FILES) as Array<[keyof ImportFiles, string]>) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) files[k] = fs.readFileSync(p, 'utf8');
  }
  return files;
}

export function describePlan(plan: ImportPlan): string[] {
  const out: string[] = [];
  for (const [coll, d] of Object.entries(plan.collections)) {
    out.push(`${COLLECTION_LABELS[coll] ?? coll}（${coll}）：新增 ${d.added.length}，修改 ${d.changed.length}，不变 ${d.unchanged}，删除或停用 ${d.removed.length}${d.kept.length ? `，保留 ${d.kept.length}` : ''}`);
    if (d.changed.length) out.push(`  修改：${d.changed.slice(0, 20).join('、')}${d.changed.length > 20 ? ' …' : ''}`);
    if (d.removed.length) out.push(`  删除或停用：${d.removed.slice(0, 20).join('、')}${d.removed.length > 20 ? ' …' : ''}`);
    for (const k of d.kept.slice(0, 10)) out.push(`  保留 ${k.id}：${k.reason}`);
  }
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function all(db: any, coll: string): Promise<any[]> {
  const out: unknown[] = [];
  for (;;) {
    const res = await db.collection(coll).skip(out.length).limit(100).get();
    out.push(...res.data);
    if (res.data.length < 100) return out;
  }
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir || dir.startsWith('--')) throw new Error('用法：npm run org:import -- <目录> [--apply] [--env <环境ID> | --local http://127.0.0.1:8787]');
  const arg = (n: string) => (process.argv.includes(n) ? process.argv[process.argv.indexOf(n) + 1] : undefined);
  const envId = arg('--env') ?? (arg('--local') ? 'local-dev' : undefined);
  const apply = process.argv.includes('--apply');
  if (apply && !envId) throw new Error('--apply 需要 --env <环境ID> 或 --local <地址>');
  let stored: StoredOrg = EMPTY_STORED;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let db: any = null;
  if (envId) {
    if (arg('--local')) Object.assign(process.env, localSdkEnv(arg('--local')!, envId));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk');
    cloud.init({ env: envId });
    db = cloud.database();
    const [districts, streets, communities, departments, cityUnits, categories, standingRules, grids, rota, staff] = await Promise.all(
      ['districts', 'streets', 'communities', 'departments', 'cityUnits', 'categories', 'standingRules', 'grids', 'rota', 'staff'].map((c) => all(db, c)),
    );
    stored = { districts, streets, communities, departments, cityUnits, categories, standingRules: standingRules.filter((r: { active?: boolean }) => r.active), grids, rota, staff };
  }
  const parsed = parseImport(readImportDir(dir), stored);
  for (const w of parsed.warnings) console.log(`提示：${w}`);
  if (!parsed.ok) {
    console.log(`文件有误，未导入任何数据（${parsed.errors.length} 处）：`);
    for (const e of parsed.errors) console.log(`  ${e.file} 第 ${e.line} 行${e.field ? ` 「${e.field}」` : ''}：${e.reason}`);
    process.exitCode = 1;
    return;
  }
  const plan = diffImport(parsed.org, stored);
  console.log(`# ${apply ? '导入' : '预览（未写入）'}${envId ? `：环境 ${envId}` : '：与空的组织架构比较'}`);
  for (const l of describePlan(plan)) console.log(l);
  if (!apply) return;
  if (!plan.writes.length) {
    console.log('无需任何变更');
    return;
  }
  const taken = new Set(stored.staff.map((s) => s.inviteCode).filter(Boolean));
  const invites: Array<{ name: string; phone: string; unitName: string; inviteCode: string }> = [];
  for (const w of plan.writes.filter((x) => x.invite)) {
    let code = '';
    do code = Array.from({ length: 8 }, () => CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]).join('');
    while (taken.has(code));
    taken.add(code);
    w.after!.inviteCode = code;
    invites.push({ name: String(w.after!.name), phone: String(w.after!.phone), unitName: String(w.after!.unitName ?? ''), inviteCode: code });
  }
  const now = Date.now();
  for (let i = 0; i < plan.writes.length; i += 50) {
    const chunk = plan.writes.slice(i, i + 50);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await db.runTransaction(async (tx: any) => {
      for (const w of chunk) {
        const ref = tx.collection(w.coll).doc(w.id);
        let before: Record<string, unknown> | null = null;
        try {
          before = (await ref.get())?.data ?? null;
        } catch {
          before = null;
        }
        if (w.after) await ref.set({ data: w.after });
        else if (before) await ref.remove();
        const mask = (d: Record<string, unknown> | null) => (d ? { ...d, ...(d.openid ? { openid: '（已绑定）' } : {}), ...(d.inviteCode ? { inviteCode: '（已签发）' } : {}) } : null);
        await tx.collection('adminLog').add({ data: { at: now, action: 'admin.org.import', by: { staffId: null, name: 'npm run org:import' }, coll: w.coll, subjectId: w.id, what: '导入组织架构（命令行）', before: mask(before), after: mask(w.after ? { _id: w.id, ...w.after } : null) } });
      }
    });
  }
  console.log(`完成：写入 ${plan.writes.length} 条（每条均记入操作日志）`);
  if (invites.length) {
    const file = path.join(dir, `invites-${new Date(now).toISOString().replace(/[:.]/g, '-')}.csv`);
    fs.writeFileSync(file, '\ufeff' + invitesCsv(invites));
    console.log(`新人员邀请码 ${invites.length} 个：${file}（请妥善保管并分发）`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
