/** Demo data shared by the skills test and its MCP stdio fixture (same sizes and seed → same ids). */
export const SKILLS_TEST_SEED = { members: 40, jobs: 20, companies: 4, courses: 40, seed: 3 };
