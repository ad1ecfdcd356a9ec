// Sizes the compare layout: one featured take as large as the stage allows, the others in a
// strip of small tiles under it.

export interface FeaturedSpace {
  count: number;
  width: number;
  height: number;
  /** Frame width / height. */
  aspect: number;
  footer: number;
  gap: number;
}

export interface FeaturedFit {
  featuredWidth: number;
  stripColumns: number;
  stripWidth: number;
}

/** The strip's tiles never grow past this: they are for glancing and switching. */
const STRIP_MAX_PX = 240;
const FEATURED_MIN_PX = 240;

export function featuredLayout(s: FeaturedSpace): FeaturedFit {
  const others = Math.max(1, s.count - 1);
  const measured = s.width > 0 && s.height > 0;
  const width = measured ? s.width : 960;
  const stripWidth = Math.floor(Math.min(STRIP_MAX_PX, (width - s.gap * (others - 1)) / others));
  const stripHeight = stripWidth / s.aspect + s.footer;
  const room = measured ? (s.height - stripHeight - s.gap - s.footer) * s.aspect : width;
  return {
    featuredWidth: Math.floor(Math.max(FEATURED_MIN_PX, Math.min(width, room))),
    stripColumns: others,
    stripWidth,
  };
}
