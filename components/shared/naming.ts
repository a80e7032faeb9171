import { z } from "zod";

/** EKS cluster names: 1-100 characters, letters, digits, '-' or '_', starting with a letter or digit. */
export const eksClusterName = (what: string) =>
  z
    .string()
    .regex(
      /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/,
      `${what} must be 1-100 letters, digits, '-' or '_', starting with a letter or digit (an EKS cluster name)`,
    );

/** ACK cluster names: 1-63 characters, letters, digits, '-' or '_', starting with a letter or digit. */
export const ackClusterName = (what: string) =>
  z
    .string()
    .regex(
      /^[0-9A-Za-z][A-Za-z0-9_-]{0,62}$/,
      `${what} must be 1-63 letters, digits, '-' or '_', starting with a letter or digit (an ACK cluster name)`,
    );
