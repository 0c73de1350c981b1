// Where things are, and the fixed names the stories use.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const frontend = resolve(here, '../..');
const root = resolve(frontend, '..');
// XANTHUS_LOCAL_JAR / XANTHUS_LOCAL_ROOT: another checkout's stack (its jar, and the folder it runs in for the
// sandbox's node_modules) to run this branch's site against.
export const jar = process.env.XANTHUS_LOCAL_JAR ?? join(root, 'functions/local/target/xanthus-local.jar');
export const stackRoot = process.env.XANTHUS_LOCAL_ROOT ?? root;
// XANTHUS_E2E_SITE: another built site (e.g. to measure another branch's pages against this stack).
export const site = process.env.XANTHUS_E2E_SITE ?? join(frontend, 'build');
/** The run's artifacts (screenshots, the stack's log): under target/, so `mvn clean` removes them. */
export const artifacts = join(frontend, 'target/e2e');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const STEP_TIMEOUT = 15_000;

export const TOKEN = 'xanthus_sandbox_token_000000000000000000';
export const HETZNER_KEY = 'xanthus_sandbox_hetzner_token';
export const SERVER_NAME = 'e2e-web';
export const ZONE = 'example.com';
export const TIME_ZONE = 'Europe/Berlin';
/** Picked in the wizard: the server's own setup (its cloud-init) must have set it. */
export const WIZARD_TIME_ZONE = 'Asia/Tokyo';
export const OCI_SERVER_NAME = 'e2e-arm';
export const OCI_SHAPE = 'VM.Standard.A1.Flex';
