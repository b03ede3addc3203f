// Moved to lib/db/uuid-v7.ts (one id generator for every raw-SQL insert); kept so imports here still resolve.
export { uuidv7 } from "@/lib/db/uuid-v7";
