import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { assertSafeKey, PhotoNotFoundError, type PhotoStore, type StoredObject } from "./photo-store.ts";

export interface S3StoreConfig {
  /** the service's URL for S3-compatible storage (MinIO, Ceph, Garage…); unset for AWS itself */
  endpoint?: string;
  region: string;
  /** derivatives (display, inference, dataset), and originals unless originalsBucket is set */
  bucket: string;
  /** originals, which may be evidence, in a bucket of their own with its own access rules */
  originalsBucket?: string;
  /** static credentials; unset, the SDK's default chain (instance role, AWS_* variables) */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** bucket in the path (https://host/bucket/key), as most self-hosted S3 servers want */
  forcePathStyle: boolean;
  /** server-side encryption asked of the service on every write (e.g. AES256, aws:kms); unset, none asked */
  serverSideEncryption?: "AES256" | "aws:kms";
}

const CONTENT_TYPES: Record<string, string> = { jpg: "image/jpeg", png: "image/png", webp: "image/webp" };

/**
 * Photos in S3-compatible object storage, under the same keys as on disk. A photo is one object written
 * whole by one PUT, so no reader ever sees half of one.
 */
export class S3PhotoStore implements PhotoStore {
  private readonly client: S3Client;

  constructor(private readonly config: S3StoreConfig) {
    this.client = new S3Client({
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.accessKeyId && config.secretAccessKey ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } } : {}),
      // checksums only where the API requires them: several S3-compatible servers refuse the newer
      // default (CRC32 trailers over aws-chunked bodies)
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      // an unreachable service fails the request in seconds (the job is retried), never hangs it
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 3000, requestTimeout: 15_000 },
    });
  }

  private bucketFor(key: string): string {
    assertSafeKey(key);
    return key.startsWith("originals/") && this.config.originalsBucket ? this.config.originalsBucket : this.config.bucket;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucketFor(key),
        Key: key,
        Body: bytes,
        ContentType: CONTENT_TYPES[key.slice(key.lastIndexOf(".") + 1)],
        ...(this.config.serverSideEncryption ? { ServerSideEncryption: this.config.serverSideEncryption } : {}),
      }),
    );
  }

  async get(key: string): Promise<Buffer> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucketFor(key), Key: key }));
      if (!object.Body) throw new PhotoNotFoundError(key);
      return Buffer.from(await object.Body.transformToByteArray());
    } catch (e) {
      if (e instanceof NoSuchKey || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) throw new PhotoNotFoundError(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers a delete of a missing object with success, like the local store's rm --force
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucketFor(key), Key: key }));
  }

  close(): void {
    this.client.destroy();
  }

  async *list(area: "originals" | "derivatives"): AsyncIterable<StoredObject> {
    const bucket = this.bucketFor(`${area}/x.jpg`);
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${area}/`, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        if (object.Key) yield { key: object.Key, modifiedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
