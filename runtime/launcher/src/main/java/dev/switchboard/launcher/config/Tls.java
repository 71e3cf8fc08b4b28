package dev.switchboard.launcher.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Crossbar's listening {@code endpoint.tls} ({@code key}, {@code certificate}, {@code ca_certificates}) onto the
 * transports' TLS properties ({@code tlsKey}, {@code tlsCertificate}, {@code tlsClientCa} with
 * {@code tlsClientAuth=want}, as Crossbar asks for but does not require a client certificate when CA certificates
 * are given). Files are relative to the node directory.
 */
final class Tls {

    private Tls() {
    }

    static Map<String, Object> listening(Obj tls, Path nodeDirectory, Problems problems) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (tls == null) {
            return properties;
        }
        tls.check(Keys.of("key", "certificate", "ca_certificates")
                .unsupported("dhparam", "Diffie-Hellman parameter files; the JDK's TLS uses ECDHE")
                .unsupported("ciphers", "an OpenSSL cipher list; the JDK's defaults are used"));
        String key = tls.string("key", true);
        String certificate = tls.string("certificate", true);
        if (key != null) {
            properties.put("tlsKey", nodeDirectory.resolve(key).normalize().toString());
        }
        if (certificate != null) {
            properties.put("tlsCertificate", nodeDirectory.resolve(certificate).normalize().toString());
        }
        List<String> authorities = tls.strings("ca_certificates", false);
        if (authorities != null && authorities.size() == 1) {
            properties.put("tlsClientCa", nodeDirectory.resolve(authorities.get(0)).normalize().toString());
            properties.put("tlsClientAuth", "want");
        } else if (authorities != null && !authorities.isEmpty()) {
            problems.unsupported(tls.at("ca_certificates"), "more than one CA file; put the certificates into one"
                    + " PEM file");
        }
        return properties;
    }
}
