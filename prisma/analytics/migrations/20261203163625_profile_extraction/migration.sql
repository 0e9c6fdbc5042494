-- AlterTable
ALTER TABLE "Draft" ADD COLUMN     "extractedAt" TIMESTAMP(3);

-- Drafts made before profiles existed are not extracted after the fact (that would be an LLM call for each).
UPDATE "Draft" SET "extractedAt" = "createdAt";

-- CreateIndex
CREATE INDEX "Draft_extractedAt_idx" ON "Draft"("extractedAt");
