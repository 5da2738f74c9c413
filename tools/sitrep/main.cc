// sitrep: news reports about an armed conflict -> a sourced record of incidents.
#include <CLI/CLI.hpp>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "sitrep: turns news reports about an armed conflict into a sourced, "
      "cross-checked record of incidents"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "sitrep 0.1.0");
  int exit_code = 0;
  sitrep::cli::add_run_command(app, exit_code);
  sitrep::cli::add_geocode_command(app, exit_code);
  sitrep::cli::add_extract_command(app, exit_code);
  sitrep::cli::add_link_command(app, exit_code);
  sitrep::cli::add_annotate_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return exit_code;
}
