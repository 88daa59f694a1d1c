/**
 * Prints what to configure in a real CloudBase environment, from the files the code uses:
 *   - every collection of config/cloud/database.json: create it, security rule (no client access), its indexes
 *   - every cloud function's config.json: timeout, open API permissions, timer trigger
 *   tsx scripts/print-db-setup.ts            console steps (Chinese console labels)
 *   tsx scripts/print-db-setup.ts --json     the same plan as JSON (for a script against the CloudBase API)
 * Collections can also be created by `npm run seed -- --env <envId>` (it creates missing ones first); indexes and
 * security rules cannot be set through wx-server-sdk, hence these console steps.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

type Key = [string, 1 | -1 | '2dsphere'];
interface IndexSpec {
  name: string;
  keys: Key[];
  unique?: boolean;
}
interface DbConfig {
  collections: Record<string, { indexes: IndexSpec[] }>;
}

/** Security rule for every collection: the app only calls functions; functions (server SDK) bypass rules. */
export const SECURITY_RULE = { read: false, write: false };

/**
 * CloudBase offers no sparse unique index: documents lacking the field index as null, so a unique index on a
 * field many documents lack refuses the second such document. These are created as ordinary indexes there
 * (local/ treats unique indexes as sparse). Uniqueness is kept by the code instead.
 */
export const NOT_UNIQUE_IN_CLOUD: Record<string, string> = {
  'staff.openid': '未绑定微信的人员没有 openid；唯一性由邀请码绑定流程保证',
};

export interface CollectionPlan {
  name: string;
  securityRule: typeof SECURITY_RULE;
  indexes: Array<{ name: string; fields: Array<{ field: string; order: 'asc' | 'desc' | 'geo' }>; unique: boolean; note?: string }>;
}

export interface FunctionPlan {
  name: string;
  timeoutSeconds: number;
  openapi: string[];
  triggers: Array<{ name: string; type: string; config: string }>;
}

export function dbPlan(file = path.join(ROOT, 'config/cloud/database.json')): CollectionPlan[] {
  const cfg = JSON.parse(fs.readFileSync(file, 'utf8')) as DbConfig;
  return Object.entries(cfg.collections).map(([name, c]) => ({
    name,
    securityRule: SECURITY_RULE,
    indexes: c.indexes.map((ix) => {
      const optional = NOT_UNIQUE_IN_CLOUD[`${name}.${ix.keys[0][0]}`];
      return {
        name: ix.name,
        fields: ix.keys.map(([field, o]) => ({ field, order: o === '2dsphere' ? ('geo' as const) : o === 1 ? ('asc' as const) : ('desc' as const) })),
        unique: !!ix.unique && !optional,
        note: ix.unique && optional ? `本地为稀疏唯一索引；云端建普通索引：${optional}` : undefined,
      };
    }),
  }));
}

export function functionPlan(fnRoot = path.join(ROOT, 'cloudfunctions')): FunctionPlan[] {
  return fs
    .readdirSync(fnRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(fnRoot, d.name, 'package.json')))
    .map((d) => {
      const f = path.join(fnRoot, d.name, 'config.json');
      const cfg = fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, 'utf8')) as { timeout?: number; permissions?: { openapi?: string[] }; triggers?: FunctionPlan['triggers'] }) : {};
      return { name: d.name, timeoutSeconds: cfg.timeout ?? 3, openapi: cfg.permissions?.openapi ?? [], triggers: cfg.triggers ?? [] };
    });
}

const ORDER_CN = { asc: '升序', desc: '降序', geo: '地理位置' } as const;

export function consoleSteps(db: CollectionPlan[], fns: FunctionPlan[]): string {
  const out: string[] = [];
  out.push('# 数据库（云开发控制台 → 数据库）', '');
  db.forEach((c, i) => {
    out.push(`[${i + 1}/${db.length}] 集合 ${c.name}`);
    out.push(`  1. 「+」添加集合：${c.name}（或 npm run seed -- --env <环境ID> 自动创建）`);
    out.push(`  2. 数据权限 → 自定义安全规则：${JSON.stringify(c.securityRule)}  （小程序端不直接读写数据库，只调用云函数）`);
    if (!c.indexes.length) out.push('  3. 索引管理：无需额外索引');
    else {
      out.push('  3. 索引管理 → 添加索引：');
      for (const ix of c.indexes) {
        const fields = ix.fields.map((f) => `${f.field} ${ORDER_CN[f.order]}`).join('，');
        out.push(`     - ${ix.name}：${fields}${ix.unique ? '，唯一' : ''}${ix.note ? `  （${ix.note}）` : ''}`);
      }
    }
    out.push('');
  });
  out.push('# 云函数（微信开发者工具 → cloudfunctions/<名称> 右键）', '');
  for (const f of fns) {
    out.push(`函数 ${f.name}：「上传并部署：云端安装依赖」；超时 ${f.timeoutSeconds} 秒${f.openapi.length ? `；openapi 权限 ${f.openapi.join('、')}（config.json 随函数上传）` : ''}`);
    for (const t of f.triggers) out.push(`  定时触发器 ${t.name}（${t.type}）：${t.config}  → 右键「上传触发器」`);
  }
  out.push('');
  return out.join('\n');
}

if (require.main === module) {
  const db = dbPlan();
  const fns = functionPlan();
  if (process.argv.includes('--json')) console.log(JSON.stringify({ collections: db, functions: fns }, null, 2));
  else console.log(consoleSteps(db, fns));
}
