package dev.b24emu.features;

import io.cucumber.java.After;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients on keep-alive connections of their own, spoken to in plain HTTP/1.1 over a socket each: an HTTP client
 * library would reconnect behind the scenario's back, and a closed connection is what these scenarios look for.
 */
public class ConnectionSteps {
    private static final Pattern LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)");

    private final ScenarioContext ctx;
    /** the scenario's clients, in the order they first called */
    private final List<Socket> clients = new ArrayList<>();
    private Socket newcomer;
    /** answers the stalled uploads got */
    private final java.util.concurrent.atomic.AtomicInteger stalledAnswered = new java.util.concurrent.atomic.AtomicInteger();
    private String newcomerAnswer;
    /** clients sending heads that never end, written to without blocking: a server that stops reading must not stall us */
    private final List<SocketChannel> headSenders = new ArrayList<>();

    public ConnectionSteps(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @After
    public void closeClients() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        if (newcomer != null) {
            newcomer.close();
        }
        for (SocketChannel sender : headSenders) {
            sender.close();
        }
    }

    @When("{int} clients each call {string} on a keep-alive connection of their own")
    public void clientsCall(int count, String method) throws IOException {
        for (int i = 0; i < count; i++) {
            Socket client = connect();
            clients.add(client);
            assertTrue(call(client, method).startsWith("HTTP/1.1 200"), "client " + (i + 1));
        }
    }

    @When("another client calls {string} on a new connection")
    public void anotherClientCalls(String method) throws IOException {
        newcomer = connect();
        newcomerAnswer = call(newcomer, method);
    }

    @Then("the new client's call succeeds")
    public void newcomerSucceeded() {
        assertTrue(newcomerAnswer.startsWith("HTTP/1.1 200"), newcomerAnswer);
    }

    @Then("the connection of the client that called first has been closed")
    public void firstClosed() throws IOException {
        assertEquals(-1, clients.get(0).getInputStream().read(), "the server closed it without a word");
    }

    @Then("the other clients still get answers to {string} on their connections")
    public void othersStillAnswered(String method) throws IOException {
        for (int i = 1; i < clients.size(); i++) {
            String answer = call(clients.get(i), method);
            assertTrue(answer.startsWith("HTTP/1.1 200"), "client " + (i + 1) + ": " + answer);
        }
    }

    /** Each client sends a JSON body but for its last 500,000 bytes, and waits (its own thread, as a client does). */
    @When("{int} clients each send all but the end of a {int} MB body to {string}")
    public void stalledUploads(int count, int megabytes, String method) throws IOException {
        int declared = megabytes * 1_000_000;
        URI webhook = URI.create(ctx.webhook);
        byte[] head = ("POST " + webhook.getPath() + method + " HTTP/1.1\r\nHost: " + webhook.getAuthority()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] body = jsonOfLength(declared);
        for (int i = 0; i < count; i++) {
            Socket client = connect();
            clients.add(client);
            Thread sender = new Thread(() -> {
                try {
                    client.getOutputStream().write(head);
                    client.getOutputStream().write(body, 0, declared - 500_000);
                    if (client.getInputStream().read() >= 0) {
                        stalledAnswered.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // closed by the scenario's end, or timed out unanswered
                }
            }, "stalled-upload-" + i);
            sender.setDaemon(true); // blocked while its body waits unread
            sender.start();
        }
    }

    /** Each client sends a request line and header lines of about this size, never the blank line that ends them. */
    @When("{int} clients each send {int} KB of a request head that never ends")
    public void unfinishedHeads(int count, int kilobytes) throws IOException, InterruptedException {
        URI webhook = URI.create(ctx.webhook);
        StringBuilder head = new StringBuilder("GET " + webhook.getPath() + "user.current HTTP/1.1\r\nHost: "
                + webhook.getAuthority() + "\r\n");
        while (head.length() < kilobytes * 1000) {
            head.append("X-Pad: ").append("a".repeat(990)).append("\r\n");
        }
        byte[] bytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        long givingUp = System.currentTimeMillis() + 15_000; // past it, a client sends what the server takes at once
        for (int i = 0; i < count; i++) {
            SocketChannel sender = SocketChannel.open(new InetSocketAddress(webhook.getHost(), webhook.getPort()));
            headSenders.add(sender);
            sender.configureBlocking(false);
            ByteBuffer rest = ByteBuffer.wrap(bytes);
            try {
                do {
                    if (sender.write(rest) == 0) {
                        Thread.sleep(5);
                    }
                } while (rest.hasRemaining() && System.currentTimeMillis() < givingUp);
            } catch (IOException closed) {
                // closed by the server while sending
            }
        }
    }

    @Then("at most {int} connections are open, as the emulator's health says within 10 seconds")
    public void atMostOpen(int most) throws InterruptedException {
        int open = openConnections();
        for (long deadline = System.currentTimeMillis() + 10_000; open > most && System.currentTimeMillis() < deadline;
             open = openConnections()) {
            Thread.sleep(200);
        }
        assertTrue(open <= most, open + " connections open");
    }

    /** From the health check, within 10 s: an emulator that died of its heap answers nothing, and the step fails. */
    private int openConnections() {
        return io.restassured.RestAssured.given().config(io.restassured.config.RestAssuredConfig.config().httpClient(
                        io.restassured.config.HttpClientConfig.httpClientConfig()
                                .setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 10_000)))
                .get(ctx.emulatorBase + "/_emulator/health").then().statusCode(200).extract().path("connections.open");
    }

    @Then("none of those clients has been answered within {int} seconds")
    public void stalledUnanswered(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
        assertEquals(0, stalledAnswered.get(), "answers to bodies still being sent");
    }

    @When("those clients go")
    public void clientsGo() throws IOException {
        closeClients();
        clients.clear();
    }

    @When("another client sends a whole {int} MB body to {string}")
    public void wholeUpload(int megabytes, String method) throws IOException {
        newcomer = connect();
        URI webhook = URI.create(ctx.webhook);
        byte[] body = jsonOfLength(megabytes * 1_000_000);
        newcomer.getOutputStream().write(("POST " + webhook.getPath() + method + " HTTP/1.1\r\nHost: "
                + webhook.getAuthority() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        newcomer.getOutputStream().write(body);
        newcomerAnswer = read(newcomer);
    }

    /** {"x":"aaa…"} of exactly this many bytes. */
    private static byte[] jsonOfLength(int length) {
        byte[] body = new byte[length];
        java.util.Arrays.fill(body, (byte) 'a');
        byte[] open = "{\"x\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(open, 0, body, 0, open.length);
        body[length - 2] = '"';
        body[length - 1] = '}';
        return body;
    }

    private Socket connect() throws IOException {
        URI webhook = URI.create(ctx.webhook);
        Socket socket = new Socket(webhook.getHost(), webhook.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** A GET of the method on the scenario's webhook. */
    private String call(Socket client, String method) throws IOException {
        URI webhook = URI.create(ctx.webhook);
        client.getOutputStream().write(("GET " + webhook.getPath() + method + " HTTP/1.1\r\nHost: "
                + webhook.getAuthority() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return read(client);
    }

    /** One answer: its head and as many body bytes as it declares, or what came before the close. */
    private static String read(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        StringBuilder answer = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            answer.append((char) b);
            if (answer.length() >= 4 && answer.lastIndexOf("\r\n\r\n") == answer.length() - 4) {
                Matcher length = LENGTH.matcher(answer);
                int remaining = length.find() ? Integer.parseInt(length.group(1)) : 0;
                answer.append(new String(in.readNBytes(remaining), StandardCharsets.UTF_8));
                break;
            }
        }
        return answer.toString();
    }
}
