#pragma once
/// The one seam between downstream and the network: an HTTP request in, a response out.
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ds::github {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  ///< sent when not empty
  long timeout_ms = 30000;  ///< the whole request, connecting included
};

struct HttpResponse {
  long status = 0;  ///< 0: no answer (see `error`)
  std::map<std::string, std::string> headers;  ///< names lower-cased; the last value wins
  std::string body;
  std::string error;  ///< why there was no answer; never holds a header value
  bool timed_out = false;  ///< no answer within the request's timeout_ms
};

/// Sends requests. Implementations never log headers: the Authorization header holds a token.
class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual HttpResponse Send(const HttpRequest& request) = 0;
};

/// The libcurl client: http and https only, no redirects, each request within its timeout_ms.
std::unique_ptr<HttpClient> MakeCurlClient(std::string user_agent);

}  // namespace ds::github
