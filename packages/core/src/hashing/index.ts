export {
  type CreateHash,
  provideSha256,
  Sha256UnavailableError,
  sha256FromCreateHash,
  sha256Hex,
} from '../hashing/sha256.ts';
