package dev.b24emu.emulator.internal.tls;

import dev.b24emu.emulator.internal.transport.LogText;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An HTTP proxy (the kind {@code HTTPS_PROXY} and curl's {@code CURLOPT_PROXY} name) that answers, as the emulator,
 * for oauth.bitrix.info and the portals' domains, so an integration that hard-codes Bitrix24's hosts reaches the
 * emulator unchanged. A {@code CONNECT} to such a host on 443 is tunnelled to the emulator's own TLS listener, which
 * presents a certificate for that name from the local CA; {@code http://} requests for such a host are served in
 * place. The emulator's own loopback addresses pass too (its control API and HTTPS webhook, for a client whose
 * HTTPS_PROXY names the proxy). Every other host is refused with 403 and nothing is ever sent beyond this machine: the
 * proxy opens no connection except to the emulator's own ports.
 */
public final class HostProxy {
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.proxy");

    private final Vertx vertx;
    private final Predicate<String> answersFor;
    private final Supplier<String> hostList;
    private final Handler<HttpServerRequest> emulator;
    private final IntSupplier tlsPort;
    private final IntSupplier httpPort;
    private final IntSupplier httpsPort;
    private final NetClient tunnels;

    /**
     * @param answersFor whether a host name (lower case) is one the emulator answers for
     * @param hostList   those names, for the refusal's text
     * @param emulator   serves an http:// request for such a host
     * @param tlsPort    the loopback port of the TLS listener with the local CA's certificates
     * @param httpPort   the emulator's plain HTTP port (a CONNECT to port 80)
     * @param httpsPort  its HTTPS port, -1 when off: with httpPort, the emulator's own addresses, which a client
     *                   whose HTTPS_PROXY names this proxy still reaches through it (its control API, its HTTPS
     *                   webhook), as if NO_PROXY named them
     */
    public HostProxy(Vertx vertx, Predicate<String> answersFor, Supplier<String> hostList,
                     Handler<HttpServerRequest> emulator, IntSupplier tlsPort, IntSupplier httpPort,
                     IntSupplier httpsPort) {
        this.vertx = vertx;
        this.answersFor = answersFor;
        this.hostList = hostList;
        this.emulator = emulator;
        this.tlsPort = tlsPort;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.tunnels = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5000));
    }

    /**
     * What the proxy port's listeners hand each request to. The server listens with it as it listens for REST, under
     * the same guards (header timeout, connection limit, head budget): with a server of its own, a thousand
     * connections each sending a megabyte of an unfinished request line ran the direct memory out and killed an event
     * loop, and 21,000 idle ones logged "Too many open files" 1.6 million times in 25 s.
     */
    public Handler<HttpServerRequest> handler() {
        return this::handle;
    }

    /** Closes every tunnel (the listeners are the server's; the Vert.x instance may outlive the emulator: it can be shared). */
    public Future<Void> close() {
        return tunnels.close();
    }

    private void handle(HttpServerRequest request) {
        if (request.method() == HttpMethod.CONNECT) {
            tunnel(request);
            return;
        }
        String uri = request.uri();
        if (!uri.startsWith("http://") && !uri.startsWith("https://")) {
            refuse(request, 400, "This is the Bitrix24 emulator's proxy port: name it in HTTPS_PROXY / HTTP_PROXY (or"
                    + " CURLOPT_PROXY) and call Bitrix24's own addresses; the emulator itself listens on its HTTP port.");
            return;
        }
        String host;
        int port;
        try {
            URI parsed = URI.create(uri);
            host = parsed.getHost();
            port = parsed.getPort() < 0 ? 80 : parsed.getPort();
        } catch (IllegalArgumentException e) {
            host = null;
            port = -1;
        }
        if (host != null && uri.startsWith("http://") && own(host, port) && port == httpPort.getAsInt()) {
            emulator.handle(request); // the control API or a webhook at the emulator's own address (audit 50c)
            return;
        }
        if (host == null || !answersFor.test(host.toLowerCase(Locale.ROOT))) {
            refuseHost(request, host);
            return;
        }
        emulator.handle(request);
    }

    /** CONNECT host:port: a tunnel to the emulator's own listener, or 403 for a host it does not answer for. */
    private void tunnel(HttpServerRequest request) {
        String target = request.uri();
        int colon = target.lastIndexOf(':');
        String host = (colon > 0 ? target.substring(0, colon) : target).toLowerCase(Locale.ROOT);
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(target.substring(colon + 1)) : 443;
        } catch (NumberFormatException e) {
            port = -1;
        }
        boolean own = own(host, port);
        if (!own && answersFor.test(host) && port != 443 && port != 80) {
            LOG.info("proxy refused {} {}", request.method(), LogText.safe(target));
            refuse(request, 403, "The Bitrix24 emulator's proxy answers for " + host + " on ports 443 (https) and 80"
                    + " (http) alone, as Bitrix24 does; not on " + port + ", and nothing is forwarded beyond this machine.");
            return;
        }
        if (!own && !answersFor.test(host)) {
            refuseHost(request, target);
            return;
        }
        // the emulator's own port is tunnelled as it is: its HTTPS webhook keeps its own certificate
        int local = own ? port : port == 443 ? tlsPort.getAsInt() : httpPort.getAsInt();
        if (local <= 0) { // the proxy listens before the plain HTTP port, which is bound last (clients wait for it)
            refuse(request, 503, "The Bitrix24 emulator is still starting: its HTTP port is not bound yet.");
            return;
        }
        // toNetSocket answers 200 at once; the client's first bytes wait (paused) until the emulator's side is open
        request.toNetSocket().onSuccess(client -> {
            client.pause();
            tunnels.connect(local, "127.0.0.1").onComplete(connected -> {
                if (connected.failed()) {
                    client.close();
                    return;
                }
                NetSocket upstream = connected.result();
                client.pipeTo(upstream);
                upstream.pipeTo(client);
            });
        });
    }

    /** A loopback name with one of the emulator's own HTTP and HTTPS ports: where it is reached without the proxy. */
    private boolean own(String host, int port) {
        String name = host.toLowerCase(Locale.ROOT);
        boolean loopback = name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]")
                || name.equals("::1");
        return loopback && port > 0 && (port == httpPort.getAsInt() || port == httpsPort.getAsInt());
    }

    private void refuseHost(HttpServerRequest request, String host) {
        LOG.info("proxy refused {} {}", request.method(), LogText.safe(String.valueOf(host)));
        refuse(request, 403, "The Bitrix24 emulator's proxy answers only for " + hostList.get() + ". "
                + LogText.safe(String.valueOf(host)) + " is not one of them, and nothing is forwarded beyond this"
                + " machine. Create a portal with that domain (POST /_emulator/portals {\"domain\": ...}) to emulate it.");
    }

    private static void refuse(HttpServerRequest request, int status, String text) {
        request.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Connection", "close").end(text + "\n")
                .onComplete(sent -> request.connection().close()); // a refused CONNECT leaves no half-open tunnel
    }
}
