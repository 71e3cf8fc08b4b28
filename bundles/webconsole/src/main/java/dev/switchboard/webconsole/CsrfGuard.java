package dev.switchboard.webconsole;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cross-site request forgery protection for the plugin's POSTs. Felix Web Console 5.0.18 has none of its own (its
 * jar has no CSRF filter or token; it relies on Basic authentication, which a browser replays on a forged
 * cross-site POST too), so the plugin does it:
 * <ol>
 * <li>a synchronizer token, HMAC-SHA256 of the authenticated user under a key made at activation, rendered into
 * the page and sent back by the page's script in the {@value #HEADER} header; another site cannot read the page,
 * so it cannot know the token, and a custom header cannot be sent cross-site without a CORS preflight that this
 * server never grants;</li>
 * <li>if the browser says where the request comes from ({@code Sec-Fetch-Site}, {@code Origin}), it must be this
 * same origin.</li>
 * </ol>
 * Tokens change when the plugin restarts: the page then reloads itself to get a new one.
 */
final class CsrfGuard {

    static final String HEADER = "X-Switchboard-CSRF";
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    CsrfGuard() {
        this(newKey());
    }

    CsrfGuard(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), HMAC);
    }

    /** The token for this user ({@code null}: not authenticated, e.g. the console has no password). */
    String tokenFor(String user) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] digest = mac.doFinal(("switchboard-webconsole:" + (user == null ? "" : user))
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /**
     * @param host the request's {@code Host} header, compared with {@code Origin}
     * @return why the request is refused, or {@code null} when it may proceed
     */
    String refusal(String user, String token, String secFetchSite, String origin, String host) {
        if (token == null || token.isEmpty()) {
            return "missing " + HEADER + " header: reload the page";
        }
        byte[] expected = tokenFor(user).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.US_ASCII))) {
            return "stale or wrong " + HEADER + " token: reload the page";
        }
        if (secFetchSite != null && !secFetchSite.equals("same-origin")) {
            return "cross-site request refused (Sec-Fetch-Site: " + secFetchSite + ")";
        }
        if (origin != null && !sameHost(origin, host)) {
            return "cross-origin request refused (Origin: " + origin + ")";
        }
        return null;
    }

    private static boolean sameHost(String origin, String host) {
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority != null && authority.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Override
    public String toString() {
        return "CsrfGuard[" + HEADER + "]";
    }
}
