package dev.udfshim.flink.client;

import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import io.grpc.Status;
import io.grpc.StatusOr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A fixed list of servers as a gRPC name resolver ({@code shim-list:///host1:port,host2:port}):
 * grpc-java resolves one name per target, so a list needs a resolver, and it has no public one.
 * Each server is one address group (all addresses of its host name), with its own {@code host:port}
 * as the authority its TLS certificate is checked against. Names are looked up again when the
 * channel asks (a server became unreachable).
 */
final class StaticResolver extends NameResolver {
  static final String SCHEME = "shim-list";

  /** The query of a target whose servers are all checked against one authority override. */
  private static final String ONE_AUTHORITY = "one-authority";

  private final List<Endpoint> endpoints;
  private final String authority;
  private final boolean ownAuthorities;
  private final Executor executor;
  private Listener2 listener;

  private StaticResolver(List<Endpoint> endpoints, boolean ownAuthorities, Executor executor) {
    this.endpoints = endpoints;
    this.authority = endpoints.get(0).toString();
    this.ownAuthorities = ownAuthorities;
    this.executor = executor;
  }

  /**
   * The target of a list.
   *
   * @param oneAuthority the channel overrides the authority: every server is checked against it (an
   *     address group's own authority would win over the channel's)
   */
  static String target(List<Endpoint> endpoints, boolean oneAuthority) {
    Provider.registerOnce();
    List<String> parts = new ArrayList<>();
    // Brackets of IPv6 hosts are not allowed in a URI's path: escaped, and decoded by getPath().
    endpoints.forEach(e -> parts.add(e.toString().replace("[", "%5B").replace("]", "%5D")));
    return SCHEME + ":///" + String.join(",", parts) + (oneAuthority ? "?" + ONE_AUTHORITY : "");
  }

  @Override
  public String getServiceAuthority() {
    return authority;
  }

  @Override
  public void start(Listener2 listener) {
    this.listener = listener;
    resolve();
  }

  @Override
  public void refresh() {
    executor.execute(this::resolve);
  }

  private void resolve() {
    List<EquivalentAddressGroup> groups = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      try {
        List<SocketAddress> addresses = new ArrayList<>();
        for (InetAddress address : InetAddress.getAllByName(endpoint.host())) {
          addresses.add(new InetSocketAddress(address, endpoint.port()));
        }
        groups.add(
            new EquivalentAddressGroup(
                addresses,
                ownAuthorities
                    ? Attributes.newBuilder()
                        .set(EquivalentAddressGroup.ATTR_AUTHORITY_OVERRIDE, endpoint.toString())
                        .build()
                    : Attributes.EMPTY));
      } catch (UnknownHostException e) {
        unknown.add(endpoint.host());
      }
    }
    if (groups.isEmpty()) {
      listener.onError(
          Status.UNAVAILABLE.withDescription(
              "unknown host " + String.join(", ", unknown) + "; correct 'endpoints'"));
      return;
    }
    listener.onResult(
        ResolutionResult.newBuilder().setAddressesOrError(StatusOr.fromValue(groups)).build());
  }

  @Override
  public void shutdown() {}

  /** Registered once per class loader with grpc's default registry. */
  static final class Provider extends NameResolverProvider {
    private static boolean registered;

    static synchronized void registerOnce() {
      if (!registered) {
        NameResolverRegistry.getDefaultRegistry().register(new Provider());
        registered = true;
      }
    }

    @Override
    public NameResolver newNameResolver(URI target, Args args) {
      if (!SCHEME.equals(target.getScheme())) {
        return null;
      }
      List<Endpoint> endpoints = new ArrayList<>();
      for (String part : target.getPath().substring(1).split(",", -1)) {
        endpoints.add(Endpoint.parse(part));
      }
      return new StaticResolver(
          endpoints,
          !ONE_AUTHORITY.equals(target.getQuery()),
          args.getOffloadExecutor() != null ? args.getOffloadExecutor() : Runnable::run);
    }

    @Override
    public String getDefaultScheme() {
      return SCHEME;
    }

    @Override
    protected boolean isAvailable() {
      return true;
    }

    @Override
    protected int priority() {
      return 5;
    }

    @Override
    public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
      return List.of(InetSocketAddress.class);
    }
  }
}
