/** The sign-in feature's public surface: what the composition roots and other features may use. */
export { signInRoutes } from './routes.ts'
export { createSignInService, type SignInService } from './service.ts'
