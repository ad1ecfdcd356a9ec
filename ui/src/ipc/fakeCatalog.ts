// Made-up catalog for the fake backend. Kling and Sora mirror crates/dailies-core/catalog;
// the rest are plausible stand-ins so the picker has every family and lifecycle to show.
// Each route's RouteInfo is the single source of what it takes (images, cfg, shots): the
// fake planner reads the same fields the UI does.
import type { Lifecycle, ModelInfo, PriceRule, RouteId, RouteInfo } from './bindings.gen';

const ALL_SECONDS_3_TO_15 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
const WIDE = ['16:9', '9:16', '1:1'];
const SIX_ASPECTS = ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];
/** What a route takes beyond text (the real catalog's `image`, `cfg_scale`, `max_shots`). */
const KLING_INPUTS: Partial<RouteInfo> = { start_image: true, end_image: true, cfg_scale: [0, 1], max_shots: 6 };
const VEO_INPUTS: Partial<RouteInfo> = { start_image: true, end_image: true, image_aspects: ['16:9', '9:16'] };
const SORA_SHUTDOWN: Lifecycle = {
  state: 'deprecated',
  date: '2026-09-24',
  note: 'OpenAI marked the Videos API deprecated and announced its shutdown for 2026-09-24.',
};
const FAL_SORA_RETIRED: Lifecycle = {
  state: 'retired',
  date: '2026-08-02',
  note: "Removed from fal's endpoint list on 2026-08-02.",
};

const NO_CANCEL = new Set<RouteId>(['openai', 'kling', 'google', 'minimax']);
/** As the real adapters say: only Kling (credits) and BytePlus Ark (tokens) report a charge. */
const REPORTS_CHARGE = new Set<RouteId>(['kling', 'seedance']);

type RouteSketch = Partial<RouteInfo> & { route: RouteId; endpoint: string; rules: PriceRule[] };

function route(s: RouteSketch): RouteInfo {
  const base: RouteInfo = {
    route: s.route,
    endpoint: s.endpoint,
    lifecycle: { state: 'active' },
    durations: [5, 10],
    default_duration: 5,
    aspects: WIDE,
    default_aspect: '16:9',
    resolutions: ['1080p'],
    default_resolution: '1080p',
    audio: [false],
    default_audio: false,
    negative_prompt: false,
    seed: false,
    price: { rules: s.rules, source: 'fake catalog', as_of: '2026-08-01' },
    usd_per_second: 0,
    key_available: false,
    price_overridden: false,
    start_image: false,
    end_image: false,
    requires_image: false,
    image_aspects: [],
    cfg_scale: null,
    max_shots: 0,
    // As the real adapters say: these routes have no cancel, and only OpenAI remixes.
    cancel: !NO_CANCEL.has(s.route),
    remix: s.route === 'openai',
    reports_charge: REPORTS_CHARGE.has(s.route),
    charge_note: REPORTS_CHARGE.has(s.route)
      ? `${s.route} reports what it charged for each clip.`
      : `${s.route} reports no charge, so costs are estimates.`,
  };
  const info = { ...base, ...s, price: base.price };
  delete (info as Partial<RouteSketch>).rules;
  return info;
}

function model(id: string, name: string, family: string, vendor: string, summary: string, routes: RouteInfo[]): ModelInfo {
  return { id, name, family, vendor, summary, routes };
}

export function fakeCatalog(): ModelInfo[] {
  const kling = (id: string, endpoint: string, res: string, audioDefault: boolean, rules: PriceRule[], inputs = KLING_INPUTS) =>
    route({ route: 'fal', endpoint, durations: ALL_SECONDS_3_TO_15, resolutions: [res], default_resolution: res, audio: [false, true], default_audio: audioDefault, negative_prompt: id.includes('3.0'), rules, ...inputs });
  return [
    model('kling-3.0-pro', 'Kling 3.0 Pro', 'Kling', 'Kuaishou', "1080p, 3–15 s, native audio, negative prompt; the cost-disciplined director's model.", [
      kling('kling-3.0-pro', 'fal-ai/kling-video/v3/pro/text-to-video', '1080p', true, [{ audio: false, usd_per_second: 0.112 }, { audio: true, usd_per_second: 0.168 }]),
      // Kling's own API bills in units, so its clips come back with a billed cost.
      { ...kling('kling-3.0-pro', 'kling-v3', '1080p', true, [{ audio: false, usd_per_second: 0.112 }, { audio: true, usd_per_second: 0.168 }]), route: 'kling' },
    ]),
    model('kling-3.0-standard', 'Kling 3.0 Standard', 'Kling', 'Kuaishou', '720p sibling of 3.0 Pro at three quarters of the price.', [
      kling('kling-3.0-standard', 'fal-ai/kling-video/v3/standard/text-to-video', '720p', true, [{ audio: false, usd_per_second: 0.084 }, { audio: true, usd_per_second: 0.126 }]),
    ]),
    model('kling-o3-4k', 'Kling O3 4K', 'Kling', 'Kuaishou', 'Native 4K from text at a flat per-second price.', [
      kling('kling-o3-4k', 'fal-ai/kling-video/o3/4k/text-to-video', '4k', false, [{ usd_per_second: 0.42 }], { start_image: true, max_shots: 6 }),
    ]),
    model('sora-2', 'Sora 2', 'Sora', 'OpenAI', 'Physics-aware single takes with bundled audio; 720p.', [
      route({ route: 'openai', endpoint: 'sora-2', lifecycle: SORA_SHUTDOWN, durations: [4, 8, 12], default_duration: 4, aspects: ['16:9', '9:16'], resolutions: ['720p'], default_resolution: '720p', audio: [true], default_audio: true, rules: [{ usd_per_second: 0.1 }] }),
      route({ route: 'fal', endpoint: 'fal-ai/sora-2/text-to-video', lifecycle: FAL_SORA_RETIRED, durations: [4, 8, 12, 16, 20], default_duration: 4, aspects: ['16:9', '9:16'], resolutions: ['720p'], default_resolution: '720p', audio: [true], default_audio: true, rules: [{ usd_per_second: 0.1 }] }),
    ]),
    model('sora-2-pro', 'Sora 2 Pro', 'Sora', 'OpenAI', "Sora's premium tier: 4/8/12 s takes, 720p or 1792×1024, audio bundled.", [
      route({ route: 'openai', endpoint: 'sora-2-pro', lifecycle: SORA_SHUTDOWN, durations: [4, 8, 12], default_duration: 4, aspects: ['16:9', '9:16'], resolutions: ['720p', '1024p'], default_resolution: '720p', audio: [true], default_audio: true, rules: [{ resolution: '720p', usd_per_second: 0.3 }, { resolution: '1024p', usd_per_second: 0.5 }] }),
    ]),
    model('veo-3.1', 'Veo 3.1', 'Veo', 'Google', 'Cinematic 8 s shots with dialogue-grade audio.', [
      route({ route: 'google', endpoint: 'veo-3.1-generate-preview', durations: [4, 6, 8], default_duration: 8, aspects: ['16:9', '9:16'], resolutions: ['720p', '1080p'], audio: [false, true], default_audio: true, negative_prompt: true, seed: true, rules: [{ audio: false, usd_per_second: 0.2 }, { audio: true, usd_per_second: 0.4 }], ...VEO_INPUTS }),
      route({ route: 'fal', endpoint: 'fal-ai/veo3.1', durations: [4, 6, 8], default_duration: 8, aspects: ['16:9', '9:16'], resolutions: ['720p', '1080p'], audio: [false, true], default_audio: true, negative_prompt: true, seed: true, rules: [{ audio: false, usd_per_second: 0.2 }, { audio: true, usd_per_second: 0.4 }], ...VEO_INPUTS }),
    ]),
    model('veo-3.1-fast', 'Veo 3.1 Fast', 'Veo', 'Google', 'Cheaper, quicker Veo for drafts.', [
      route({ route: 'google', endpoint: 'veo-3.1-fast-generate-preview', durations: [4, 6, 8], default_duration: 8, aspects: ['16:9', '9:16'], resolutions: ['720p', '1080p'], audio: [false, true], default_audio: true, seed: true, rules: [{ audio: false, usd_per_second: 0.1 }, { audio: true, usd_per_second: 0.15 }], ...VEO_INPUTS, end_image: false }),
    ]),
    model('seedance-1.0-pro', 'Seedance 1.0 Pro', 'Seedance', 'ByteDance', 'Multi-shot 1080p with strong motion; silent.', [
      route({ route: 'seedance', endpoint: 'seedance-1-0-pro-250528', durations: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12], aspects: SIX_ASPECTS, resolutions: ['480p', '720p', '1080p'], seed: true, rules: [{ resolution: '480p', usd_per_second: 0.025 }, { resolution: '720p', usd_per_second: 0.06 }, { usd_per_second: 0.124 }], start_image: true, end_image: true }),
      route({ route: 'fal', endpoint: 'fal-ai/bytedance/seedance/v1/pro/text-to-video', durations: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12], aspects: SIX_ASPECTS, resolutions: ['480p', '720p', '1080p'], seed: true, rules: [{ usd_per_second: 0.124 }], start_image: true }),
    ]),
    model('hailuo-02', 'Hailuo 02', 'Hailuo', 'MiniMax', 'Physics-heavy 6 or 10 s clips at 768p/1080p.', [
      route({ route: 'minimax', endpoint: 'MiniMax-Hailuo-02', durations: [6, 10], default_duration: 6, aspects: ['16:9'], resolutions: ['768p', '1080p'], default_resolution: '768p', rules: [{ resolution: '768p', usd_per_clip: 0.28 }, { usd_per_clip: 0.49 }], start_image: true }),
    ]),
    // Like the real gen4_turbo, image-to-video only: planning refuses it without a start image.
    model('runway-gen-4-turbo', 'Runway Gen-4 Turbo', 'Runway', 'Runway', 'Fast 5 or 10 s takes from a start image.', [
      route({ route: 'runway', endpoint: 'gen4_turbo', aspects: SIX_ASPECTS, resolutions: ['720p'], default_resolution: '720p', seed: true, rules: [{ usd_per_second: 0.05 }], start_image: true, requires_image: true, image_aspects: SIX_ASPECTS }),
    ]),
    model('luma-ray-2', 'Luma Ray 2', 'Luma', 'Luma AI', 'Fluid camera motion, 5 or 9 s, up to 4K.', [
      route({ route: 'luma', endpoint: 'ray-2', lifecycle: { state: 'deprecated', date: '2026-12-01', note: 'Luma recommends Ray 3.' }, durations: [5, 9], aspects: SIX_ASPECTS, resolutions: ['540p', '720p', '1080p', '4k'], default_resolution: '720p', rules: [{ resolution: '540p', usd_per_second: 0.08 }, { resolution: '720p', usd_per_second: 0.14 }, { resolution: '1080p', usd_per_second: 0.32 }, { usd_per_second: 1.28 }], start_image: true, end_image: true }),
    ]),
  ];
}
