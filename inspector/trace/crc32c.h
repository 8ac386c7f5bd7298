/*
 * crc32c.h - CRC-32C (Castagnoli), the checksum of every mmtrace frame.
 *
 * Reflected polynomial 0x82f63b78, initial value and final XOR 0xffffffff:
 * crc32c("123456789", 9) == 0xe3069283 (PROTOCOL.md 1.1).
 *
 * crc32c() uses the SSE4.2 crc32 instruction when the CPU has it (checked
 * once, at the first call) and a slice-by-8 table otherwise.  Both
 * implementations are exported so the unit test can hold them against
 * each other.
 */
#ifndef MMSCOPE_TRACE_CRC32C_H
#define MMSCOPE_TRACE_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/* The CRC-32C of buf[0..n), initial value and final XOR included. */
uint32_t crc32c(const void *buf, size_t n);

/*
 * The raw update step shared by both implementations: no initial value,
 * no final XOR, so crc32c(b, n) == ~crc32c_sw(~0u, b, n).
 */
uint32_t crc32c_sw(uint32_t crc, const void *buf, size_t n);
uint32_t crc32c_hw(uint32_t crc, const void *buf, size_t n);

/* 1 if crc32c_hw may be called on this CPU. */
int crc32c_have_hw(void);

#endif /* MMSCOPE_TRACE_CRC32C_H */
