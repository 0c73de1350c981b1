package dev.xanthus.api.support;

/** The success envelope: {@code {"status":"success","data":…}}. */
public record ApiResponse<T>(String status, T data) {

    public static <T> ApiResponse<T> ok(T data) {
        return new ApiResponse<>("success", data);
    }
}
