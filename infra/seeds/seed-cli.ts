import { seedDemo } from './demo-seed.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required');
  process.exit(1);
}
const { created } = await seedDemo(databaseUrl);
console.log(created ? 'demo territory loaded: Helsinki' : 'demo territory already there');
