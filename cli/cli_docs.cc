// Reading the CLI11 definitions into a ProgramDoc, and the hidden options that print it.
#include "cli/cli_docs.h"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

#include "cli/cli.h"

namespace briefings::cli {

namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \n") - first + 1);
}

// CLI11 describes an IsMember validator as "{a,b,c}".
std::vector<std::string> set_members(const std::string& description) {
  std::vector<std::string> members;
  if (description.size() < 2 || description.front() != '{' || description.back() != '}') {
    return members;
  }
  std::stringstream in(description.substr(1, description.size() - 2));
  for (std::string member; std::getline(in, member, ',');) members.push_back(member);
  return members;
}

// CLI11 lists an option's validators only one index at a time.
std::vector<std::string> validator_descriptions(CLI::Option& option) {
  std::vector<std::string> descriptions;
  for (int i = 0;; ++i) {
    try {
      const std::string d = option.get_validator(i)->get_description();
      if (!d.empty()) descriptions.push_back(d);
    } catch (const CLI::OptionNotFound&) {
      return descriptions;
    }
  }
}

bool names_a_path(const std::string& name) {
  return name == "PATH" || (name.size() > 5 && name.compare(name.size() - 5, 5, "_PATH") == 0);
}

OptionDoc option_doc(CLI::Option& option) {
  OptionDoc doc;
  for (const auto& s : option.get_snames()) doc.names.push_back("-" + s);
  for (const auto& l : option.get_lnames()) doc.names.push_back("--" + l);
  doc.description = option.get_description();
  doc.default_value = option.get_default_str();
  doc.required = option.get_required();
  doc.repeatable = option.get_expected_max() > 1;
  if (doc.names.empty()) {
    doc.value = option.get_name(true);
    if (names_a_path(doc.value)) doc.completes = Completes::files;
    return doc;
  }
  if (option.get_items_expected_max() == 0) return doc;  // a flag
  const std::string type = option.get_type_name();
  doc.value = type.substr(0, type.find(':'));
  for (const std::string& d : validator_descriptions(option)) {
    auto members = set_members(d);
    if (members.empty()) {
      doc.limits.push_back(d);
    } else {
      doc.choices.insert(doc.choices.end(), members.begin(), members.end());
    }
  }
  if (!doc.choices.empty()) {
    doc.completes = Completes::choices;
  } else if (doc.value == "DIR") {
    doc.completes = Completes::directories;
  } else if (doc.value == "FILE" || doc.value == "PATH") {
    doc.completes = Completes::files;
  }
  return doc;
}

// Named options first, in definition order (help first, as --help lists them), then the
// positional arguments.
void add_options(CLI::App& app, std::vector<OptionDoc>& named,
                 std::vector<OptionDoc>* positionals) {
  for (CLI::Option* option : app.get_options()) {
    if (option->get_group().empty()) continue;  // hidden from --help, so from the docs too
    OptionDoc doc = option_doc(*option);
    if (!doc.names.empty()) {
      named.push_back(std::move(doc));
    } else if (positionals) {
      positionals->push_back(std::move(doc));
    }
  }
}

std::string notes_of(const CLI::App& command) {
  std::string footer = command.get_footer();
  const std::string exit_codes = exit_code_help();
  if (auto at = footer.find(exit_codes); at != std::string::npos) {
    footer.erase(at, exit_codes.size());
  }
  return trimmed(footer);
}

}  // namespace

ProgramDoc describe(CLI::App& app, const std::string& program_name) {
  ProgramDoc program;
  program.name = program_name;
  program.summary = app.get_description();
  if (program.summary.rfind(program_name + ": ", 0) == 0) {
    program.summary.erase(0, program_name.size() + 2);
  }
  add_options(app, program.options, nullptr);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_group().empty()) continue;
    CommandDoc command;
    command.name = sub->get_name();
    command.description = sub->get_description();
    command.notes = notes_of(*sub);
    add_options(*sub, command.options, &command.positionals);
    program.commands.push_back(std::move(command));
  }
  for (const auto& [code, meaning] : kExitCodes) program.exit_codes.emplace_back(code, meaning);
  return program;
}

void write_man_pages(const ProgramDoc& program, const std::string& folder) {
  namespace fs = std::filesystem;
  fs::create_directories(folder);
  auto write = [&](const std::string& name, const std::string& text) {
    const fs::path path = fs::path(folder) / (name + ".1");
    errno = 0;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      // The stream keeps no error of its own; errno holds what open or write met.
      const int error = errno ? errno : EIO;
      throw fs::filesystem_error("cannot write the man page", path,
                                 std::error_code(error, std::generic_category()));
    }
  };
  write(program.name, man_page(program));
  for (const CommandDoc& command : program.commands) {
    write(program.name + "-" + command.name, man_page(program, command));
  }
}

void add_docs_options(CLI::App& app) {
  // The program's name in the pages is fixed: the build may run it from any path.
  const std::string name = "briefings";
  app.add_option_function<std::string>(
         "--generate-man",
         [&app, name](const std::string& folder) {
           write_man_pages(describe(app, name), folder);
           throw CLI::Success();
         },
         "Write the man pages into this folder")
      ->type_name("DIR")
      ->group("");
  app.add_option_function<std::string>(
         "--generate-completion",
         [&app, name](const std::string& shell) {
           std::cout << completion_script(describe(app, name), shell);
           throw CLI::Success();
         },
         "Print the completion script for this shell")
      ->check(CLI::IsMember({"bash", "zsh", "fish"}))
      ->group("");
}

}  // namespace briefings::cli
