-- AlterTable
ALTER TABLE "PersonalizationCache" ADD COLUMN     "compression" TEXT NOT NULL DEFAULT 'none',
ADD COLUMN     "compressions" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "historyLimitHits" INTEGER NOT NULL DEFAULT 0;
