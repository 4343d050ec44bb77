package io.github.sparkbitbucket.emulator;

/** Thrown by handlers to answer with an error response (404, 400, 403...) at once. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ApiResponse response;

  ApiException(ApiResponse response) {
    super("HTTP " + response.status(), null, false, false);
    this.response = response;
  }

  ApiResponse response() {
    return response;
  }

  static ApiException notFound(String message) {
    return new ApiException(ApiResponse.error(404, message, null));
  }

  static ApiException badRequest(String message) {
    return new ApiException(ApiResponse.error(400, message, null));
  }
}
