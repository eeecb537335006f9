#pragma once
/// `downstream schema`: the replayed catalog as text or JSON.
#include <ostream>
#include <string>
#include <vector>

#include "src/catalog/catalog.h"

namespace ds::report {

void WriteSchemaText(const catalog::Catalog& catalog, const std::vector<ir::Diagnostic>& diagnostics,
                     std::ostream& out);
/// {"version":1,"rev":...,"tables":[{name,file,line,columns:[{name,type,not_null}]}],
///  "views":[{name,file,line,materialized}],"enums":[{name,values}],"diagnostics":[...]}
void WriteSchemaJson(const std::string& rev, const catalog::Catalog& catalog,
                     const std::vector<ir::Diagnostic>& diagnostics, std::ostream& out);

}  // namespace ds::report
