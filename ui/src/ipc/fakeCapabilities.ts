// What the fake catalog's routes accept beyond RouteInfo: image inputs, cfg scale and
// multi-shot. The real catalog keeps these in its TOML files and does not send them over
// IPC, so the UI learns them only from plan_run's parity notes; the fake needs them to
// produce the same notes.

export interface FakeCapabilities {
  startImage: boolean;
  endImage: boolean;
  /** Aspects an input image must be near; absent means any aspect is accepted. */
  imageAspects?: string[];
  /** Inclusive cfg scale range; absent means the route ignores cfg. */
  cfg?: [number, number];
  /** 0 means no multi-shot: shots are joined into the prompt. */
  maxShots: number;
}

const TEXT_ONLY: FakeCapabilities = { startImage: false, endImage: false, maxShots: 0 };
const KLING: Partial<FakeCapabilities> = { startImage: true, endImage: true, cfg: [0, 1], maxShots: 6 };
const VEO: Partial<FakeCapabilities> = { startImage: true, endImage: true, imageAspects: ['16:9', '9:16'] };

const BY_SELECTOR: Record<string, Partial<FakeCapabilities>> = {
  'kling-3.0-pro@fal': KLING,
  'kling-3.0-pro@kling': KLING,
  'kling-3.0-standard@fal': KLING,
  'kling-o3-4k@fal': { startImage: true, maxShots: 6 },
  'veo-3.1@google': VEO,
  'veo-3.1@fal': VEO,
  'veo-3.1-fast@google': { ...VEO, endImage: false },
  'seedance-1.0-pro@seedance': { startImage: true, endImage: true },
  'seedance-1.0-pro@fal': { startImage: true },
  'hailuo-02@minimax': { startImage: true },
  'gen-4-turbo@runway': { startImage: true, imageAspects: ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'] },
  'ray-2@luma': { startImage: true, endImage: true },
};

/** Sora (and anything unlisted) is text-to-video only. */
export function fakeCapabilities(selector: string): FakeCapabilities {
  return { ...TEXT_ONLY, ...BY_SELECTOR[selector] };
}
