/*
 * cobs.h - Consistent Overhead Byte Stuffing (Cheshire and Baker, 1999).
 *
 * COBS rewrites a block of bytes so that it contains no 0x00; the mmtrace
 * stream then uses 0x00 as the frame delimiter (PROTOCOL.md 1.1).  Each
 * encoded block is a code byte c (1..255) followed by c-1 data bytes; a
 * code below 255 stands for a zero after its data, except at the very end.
 * Encoding adds one byte per 254 data bytes plus one: MMT_COBS_MAX(n).
 */
#ifndef MMSCOPE_TRACE_COBS_H
#define MMSCOPE_TRACE_COBS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Encode src[0..n) into dst, which has room for MMT_COBS_MAX(n) bytes.
 * Returns the encoded length; no delimiter is appended.
 */
size_t cobs_encode(const uint8_t *src, size_t n, uint8_t *dst);

/*
 * Decode src[0..n) (no delimiter, no zero byte) into dst[0..cap).
 * Returns the decoded length, or -1 if the input is not valid COBS (a zero
 * byte, a code running past the end) or does not fit in cap bytes.
 */
ssize_t cobs_decode(const uint8_t *src, size_t n, uint8_t *dst, size_t cap);

#endif /* MMSCOPE_TRACE_COBS_H */
