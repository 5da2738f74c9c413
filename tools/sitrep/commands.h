// One function per subcommand; main.cc wires them into the CLI.
#pragma once

#include <CLI/CLI.hpp>

namespace sitrep::cli {

// Each adds its subcommand to `app`; when the subcommand runs, its exit code
// is stored in `exit_code` (0 ok, 1 some input failed, 2 the run could not proceed).
void add_run_command(CLI::App& app, int& exit_code);
void add_geocode_command(CLI::App& app, int& exit_code);
void add_annotate_command(CLI::App& app, int& exit_code);
void add_extract_command(CLI::App& app, int& exit_code);
void add_link_command(CLI::App& app, int& exit_code);

}  // namespace sitrep::cli
