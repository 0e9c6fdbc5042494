-- CreateIndex
CREATE INDEX "Contact_account_updatedAt_id_idx" ON "Contact"("account", "updatedAt" DESC, "id");
