// report stage: problem types of the notice (二、主要问题), from check ids — the grouping inspectors publish.

/** Problem types in the order the notices list them. */
export const PROBLEM_TYPES = [
  '站点无法访问',
  '更新不及时',
  '空白栏目',
  '互动回应差',
  '办事指南要素缺失',
  '严重表述错误',
  '链接不可用',
  '暗链',
  '涉密和敏感信息',
  '个人信息泄露',
  'IPv6支持不到位',
  '新媒体更新不及时',
  '新媒体未提供有效互动功能',
  '新媒体功能无法使用',
  '其他问题',
] as const;

export type ProblemType = (typeof PROBLEM_TYPES)[number];

const BY_PREFIX: [RegExp, ProblemType][] = [
  [/^availability$/, '站点无法访问'],
  [/^(homepage\.stale|column\.stale)$/, '更新不及时'],
  [/^column\.blank$/, '空白栏目'],
  [/^interaction\./, '互动回应差'],
  [/^service\./, '办事指南要素缺失'],
  [/^typo\./, '严重表述错误'],
  [/^link\.(broken|wrong)$/, '链接不可用'],
  [/^link\.hidden$/, '暗链'],
  [/^(sensitive\.|secret\.)/, '涉密和敏感信息'],
  [/^privacy\./, '个人信息泄露'],
  [/^ipv6\./, 'IPv6支持不到位'],
  [/^newmedia\.(stale|dormant)$/, '新媒体更新不及时'],
  [/^newmedia\.interaction/, '新媒体未提供有效互动功能'],
];

/**
 * The notice's problem type of a finding. newmedia.broken is 未提供有效互动功能 (the new-media veto) when the
 * check judged it a veto (interaction closed), else 功能无法使用.
 */
export function problemTypeOf(check: string, severity?: string): ProblemType {
  if (check === 'newmedia.broken') return severity === 'veto' ? '新媒体未提供有效互动功能' : '新媒体功能无法使用';
  for (const [re, type] of BY_PREFIX) if (re.test(check)) return type;
  return '其他问题';
}
