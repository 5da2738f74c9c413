// Writing output files so that a killed run never leaves a half-written one,
// and scratch files for what does not fit in memory.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "sitrep/status.h"

namespace sitrep {

// Writes `content` to `path` through `path`.tmp and a rename.
Status write_file_atomically(const std::string& path, const std::string& content);

// The same for content written a piece at a time: nothing appears at `path`
// until commit() succeeds.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::string path);
  ~AtomicFileWriter();  // without commit(), removes the .tmp file
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  void write(std::string_view bytes);
  Status commit();

 private:
  std::string path_, tmp_;
  std::FILE* out_ = nullptr;
  Status status_;
};

// A file that holds bytes for a while and is read back by offset. It is
// removed from the directory as soon as it is created: only this object can
// read it, and a crash or a kill leaves nothing behind.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& path);
  ~ScratchFile();
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  // Appends `bytes` and returns the offset they start at.
  uint64_t append(std::string_view bytes);
  // Reads `length` bytes at `offset` into `out`; false (and status() says
  // why) when they cannot be read.
  bool read(uint64_t offset, uint32_t length, std::string& out);
  // Every byte appended so far, mapped read-only: for many reads, from any
  // thread, without a copy each. Valid until the next append or the end of
  // the object; empty when the file holds nothing or cannot be mapped (then
  // status() says why).
  std::string_view view();
  // The first failure to create, write or read, if any.
  const Status& status() const { return status_; }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  uint64_t end_ = 0;
  bool unflushed_ = false;
  Status status_;
  void* mapped_ = nullptr;  // of view()
  size_t mapped_size_ = 0;
  void unmap();
};

}  // namespace sitrep
