-- DropIndex
DROP INDEX "Contact_customerStatus_idx";

-- CreateIndex
CREATE INDEX "Contact_updatedAt_id_idx" ON "Contact"("updatedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Contact_customerStatus_updatedAt_id_idx" ON "Contact"("customerStatus", "updatedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Message_draftId_direction_contactId_idx" ON "Message"("draftId", "direction", "contactId");
