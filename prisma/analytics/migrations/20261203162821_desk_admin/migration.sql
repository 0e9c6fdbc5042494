-- AlterTable
ALTER TABLE "Reviewer" ADD COLUMN     "deactivatedAt" TIMESTAMP(3),
ADD COLUMN     "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ReplyTemplate" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReplyTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EditTag" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EditTag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReplyTemplate_name_key" ON "ReplyTemplate"("name");

-- CreateIndex
CREATE UNIQUE INDEX "EditTag_name_key" ON "EditTag"("name");

-- The tags the editor suggested before the list was managed, so an upgraded desk suggests the same ones.
INSERT INTO "EditTag" ("id", "name", "color", "updatedAt") VALUES
  (gen_random_uuid(), 'tone', '#805ad5', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'facts', '#c53030', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'length', '#2b6cb0', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'personal touch', '#2f855a', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'typo', '#b7791f', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'rewrite', '#4a5568', CURRENT_TIMESTAMP);
