-- DropIndex
DROP INDEX "Draft_status_priority_createdAt_idx";

-- AlterTable
ALTER TABLE "Draft" ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "previousEdit" TEXT[],
ADD COLUMN     "queueAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "bufferedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "Draft_status_priority_queueAt_idx" ON "Draft"("status", "priority", "queueAt");

-- Existing rows: the queue position and burst start they would have had.
UPDATE "Draft" SET "queueAt" = "createdAt";
UPDATE "Draft" SET "claimedAt" = "updatedAt" WHERE "claimedById" IS NOT NULL;
UPDATE "Message" SET "bufferedAt" = "createdAt";
UPDATE "Draft" SET "priority" = 1
WHERE "status" = 'APPROVED' AND EXISTS (SELECT 1 FROM "OutboxBubble" b WHERE b."draftId" = "Draft"."id" AND b."status" = 'FAILED');
