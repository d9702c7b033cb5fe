// new-media stage: the platform profiles — every file in ./profiles/ exporting `profile`. Adding a platform is
// adding a file there; nothing else lists them.
import { readdirSync } from 'node:fs';
import type { AccountConfig } from '../config/index.ts';
import type { PlatformProfile } from './types.ts';

const DIR = new URL('./profiles/', import.meta.url);

/** Every profile in ./profiles/ (the runtime caches the modules, so this is cheap after the first call). */
export async function loadProfiles(): Promise<PlatformProfile[]> {
  const files = readdirSync(DIR).filter((f) => /\.(?:ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts')).sort();
  const out: PlatformProfile[] = [];
  for (const f of files) {
    const mod = (await import(new URL(f, DIR).href)) as { profile?: PlatformProfile };
    if (!mod.profile) throw new Error(`src/newmedia/profiles/${f} exports no \`profile\``);
    if (out.some((p) => p.name === mod.profile!.name)) throw new Error(`duplicate new-media profile name ${mod.profile.name} in ${f}`);
    out.push(mod.profile);
  }
  return out;
}

/** The profile an account is read with: its `profile`, else the one claiming its platform, else `generic` with selectors. */
export function profileFor(account: AccountConfig, profiles: PlatformProfile[]): PlatformProfile | undefined {
  if (account.profile) return profiles.find((p) => p.name === account.profile);
  const platform = account.platform.toLowerCase();
  const byPlatform = profiles.find((p) => p.name === platform || p.platforms.some((x) => x.toLowerCase() === platform));
  if (byPlatform) return byPlatform;
  return account.selectors ? profiles.find((p) => p.name === 'generic') : undefined;
}
