/** The Community Payback public face's surface: what the composition roots and other features may use. */
export { communityPaybackRoutes } from './routes.ts'
export { createCommunityPaybackService, type CommunityPaybackService } from './service.ts'
// Staff upload project photos (unpaid work) through the same cleaning as the public's nominations.
export { cleanImage, MAX_PHOTO_BYTES, type CleanImage } from './images.ts'
// The demo region's Community Payback areas (src/seed/demo.ts).
export { seedCommunityPaybackAreas } from './areas.ts'
