-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "accessHash" TEXT;
