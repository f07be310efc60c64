/** The site's icon: two linked rings on the header's blue, as SVG (small, and sharp at any size). */

export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<rect width="32" height="32" rx="6" fill="#17365d"/>' +
  '<circle cx="12.5" cy="16" r="6.5" fill="none" stroke="#fff" stroke-width="2.5"/>' +
  '<circle cx="19.5" cy="16" r="6.5" fill="none" stroke="#fff" stroke-width="2.5"/>' +
  "</svg>";

/** A week: browsers ask for the icon on every page, and it changes (if ever) with a release. */
export const FAVICON_CACHE_CONTROL = "public, max-age=604800";
