#include "common/files.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace sitrep {

Status write_file_atomically(const std::string& path, const std::string& content) {
  AtomicFileWriter out(path);
  out.write(content);
  return out.commit();
}

AtomicFileWriter::AtomicFileWriter(std::string path) : path_(std::move(path)), tmp_(path_ + ".tmp") {
  out_ = std::fopen(tmp_.c_str(), "wb");
  if (!out_) status_ = io_error("cannot write " + tmp_ + ": " + std::strerror(errno));
}

AtomicFileWriter::~AtomicFileWriter() {
  if (!out_) return;
  std::fclose(out_);
  std::remove(tmp_.c_str());
}

void AtomicFileWriter::write(std::string_view bytes) {
  if (!out_ || bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), out_) != bytes.size() && status_.is_ok())
    status_ = io_error("cannot write " + tmp_ + ": " + std::strerror(errno));
}

Status AtomicFileWriter::commit() {
  if (!out_) return status_;
  const bool closed = std::fclose(out_) == 0;
  out_ = nullptr;
  if (!closed && status_.is_ok()) status_ = io_error("cannot write " + tmp_ + ": " + std::strerror(errno));
  if (!status_.is_ok()) {
    std::remove(tmp_.c_str());
    return status_;
  }
  std::error_code ec;
  std::filesystem::rename(tmp_, path_, ec);
  if (ec) return io_error("cannot rename " + tmp_ + ": " + ec.message());
  return Status::ok();
}

ScratchFile::ScratchFile(const std::string& path) : path_(path) {
  file_ = std::fopen(path.c_str(), "w+b");
  if (!file_) {
    status_ = io_error(path + ": cannot create a scratch file: " + std::strerror(errno));
    return;
  }
  std::remove(path.c_str());  // the open file stays readable until closed
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
}

ScratchFile::~ScratchFile() {
  unmap();
  if (file_) std::fclose(file_);
}

void ScratchFile::unmap() {
  if (mapped_) ::munmap(mapped_, mapped_size_);
  mapped_ = nullptr;
  mapped_size_ = 0;
}

std::string_view ScratchFile::view() {
  if (mapped_ && mapped_size_ == end_) return {static_cast<const char*>(mapped_), mapped_size_};
  unmap();
  if (!file_ || !status_.is_ok() || end_ == 0) return {};
  if (unflushed_ && std::fflush(file_) != 0) {
    status_ = io_error(path_ + ": cannot write a scratch file: " + std::strerror(errno));
    return {};
  }
  unflushed_ = false;
  void* m = ::mmap(nullptr, end_, PROT_READ, MAP_SHARED, fileno(file_), 0);
  if (m == MAP_FAILED) {
    status_ = io_error(path_ + ": cannot map a scratch file: " + std::strerror(errno));
    return {};
  }
  mapped_ = m;
  mapped_size_ = end_;
  return {static_cast<const char*>(mapped_), mapped_size_};
}

uint64_t ScratchFile::append(std::string_view bytes) {
  const uint64_t at = end_;
  unmap();
  if (!file_) return at;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size() && status_.is_ok())
    status_ = io_error(path_ + ": cannot write a scratch file: " + std::strerror(errno));
  end_ += bytes.size();
  unflushed_ = true;
  return at;
}

bool ScratchFile::read(uint64_t offset, uint32_t length, std::string& out) {
  out.resize(length);
  if (!file_ || !status_.is_ok()) return false;
  if (unflushed_ && std::fflush(file_) != 0) {
    status_ = io_error(path_ + ": cannot write a scratch file: " + std::strerror(errno));
    return false;
  }
  unflushed_ = false;
  size_t done = 0;
  while (done < length) {
    const ssize_t n = ::pread(fileno(file_), out.data() + done, length - done, static_cast<off_t>(offset + done));
    if (n <= 0) {
      status_ = io_error(path_ + ": cannot read a scratch file back" + (n < 0 ? std::string(": ") + std::strerror(errno) : ""));
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace sitrep
