-- CreateTable
CREATE TABLE "ReviewerSettings" (
    "reviewerId" UUID NOT NULL,
    "approveAndNext" BOOLEAN NOT NULL DEFAULT true,
    "sound" BOOLEAN NOT NULL DEFAULT false,
    "notifications" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewerSettings_pkey" PRIMARY KEY ("reviewerId")
);

-- AddForeignKey
ALTER TABLE "ReviewerSettings" ADD CONSTRAINT "ReviewerSettings_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "Reviewer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
