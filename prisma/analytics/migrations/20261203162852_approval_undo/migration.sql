-- AlterTable
ALTER TABLE "Draft" ADD COLUMN     "deliveryStartedAt" TIMESTAMP(3);
