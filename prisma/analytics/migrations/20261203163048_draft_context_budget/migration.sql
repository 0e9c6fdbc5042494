-- AlterTable
ALTER TABLE "Draft" ADD COLUMN     "contextNote" TEXT,
ADD COLUMN     "contextTrimmed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "draftedWithoutProfile" BOOLEAN NOT NULL DEFAULT false;
