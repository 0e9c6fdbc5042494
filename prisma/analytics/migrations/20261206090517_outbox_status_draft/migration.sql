-- DropIndex
DROP INDEX "OutboxBubble_status_idx";

-- CreateIndex
CREATE INDEX "OutboxBubble_status_draftId_idx" ON "OutboxBubble"("status", "draftId");
