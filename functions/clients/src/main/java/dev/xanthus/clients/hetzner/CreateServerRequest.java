package dev.xanthus.clients.hetzner;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /servers}; null fields are left out.
 *
 * @param sshKeys names or ids of project SSH keys to put into root's authorized_keys
 * @param userData cloud-init user data
 */
public record CreateServerRequest(
        String name,
        String serverType,
        String image,
        String location,
        List<String> sshKeys,
        String userData,
        Map<String, String> labels,
        Boolean startAfterCreate) {

    /** user_data may carry secrets (certificates, keys): keep it out of logs. */
    @Override
    public String toString() {
        return "CreateServerRequest[name=" + name + ", serverType=" + serverType + ", image=" + image + ", location="
                + location + ", sshKeys=" + sshKeys + ", labels=" + labels + ", startAfterCreate=" + startAfterCreate
                + "]";
    }
}
