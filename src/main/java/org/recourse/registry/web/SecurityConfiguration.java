package org.recourse.registry.web;

import org.recourse.registry.ApiKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Two ways in. People use pages: form sign-in, a session, CSRF tokens on every form. Systems use the
 * JSON API with an API key ({@code Bearer rk_…}) or HTTP Basic over the same users: stateless, so an API
 * request never rides on a browser's session cookie, which is why the API chain can go without CSRF
 * tokens safely.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'self'";

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager authenticationManager,
                            ApiSecurityProblems problems, ApiKeys keys) throws Exception {
        return http.securityMatcher("/api/**")
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/v1/registrations").permitAll()
                        // Present only in test mode; elsewhere these paths answer 404 to everyone.
                        .requestMatchers("/api/v1/test/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                // Not a bean: as one, Spring Boot would also run it on every request outside this chain.
                .addFilterBefore(new ApiKeyAuthentication(keys, problems), BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                // Nothing on the API signs out (it keeps no session), reads the user from the servlet request or acts
                // for an anonymous user: a request without credentials finds no authentication and is answered by the
                // entry point, as an anonymous one was. Three filters fewer on every API call.
                .logout(logout -> logout.disable())
                .servletApi(servletApi -> servletApi.disable())
                .anonymous(anonymous -> anonymous.disable())
                .build();
    }

    /**
     * No observation of Spring Security's filters, authentications and authorisations: otherwise each of its ~15
     * filters and each method authorisation is wrapped in an observation of its own (a large share of a request's CPU
     * on the decision path; turning them off by name in the configuration still wrapped every filter). Requests stay
     * observed as a whole (http.server.requests).
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's strict firewall as it comes, but with its default rule for the characters of header names,
     * header values and parameter names checked by a loop instead of a regular expression ({@link FirewallCharacters}):
     * it checks a header each time it is read, and an API request reads its Authorization and Accept headers several
     * times (the API key filter, Basic authentication, the locale, content negotiation). Spring Security's
     * {@code WebSecurity} takes the bean for the filter chain proxy it builds.
     */
    @Bean
    static HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(FirewallCharacters::name);
        firewall.setAllowedHeaderValues(FirewallCharacters::headerValue);
        firewall.setAllowedParameterNames(FirewallCharacters::name);
        return firewall;
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the session registry when sessions end, so it does not keep them forever. */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, AuthenticationManager authenticationManager,
                              SessionRegistry sessionRegistry) throws Exception {
        return http
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/register", "/register/submitted", "/error",
                                "/css/**", "/img/**", "/js/**", "/webjars/**", "/favicon.ico").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/platform/**").hasRole("PLATFORM_ADMIN")
                        .requestMatchers("/intake/**").hasAnyRole("INSTITUTION_ADMIN", "INSTITUTION_OPERATOR")
                        // Agencies read the cases placed with them (the case desk decides which, and 404s the rest).
                        .requestMatchers("/cases/**").hasAnyRole("INSTITUTION_ADMIN", "INSTITUTION_OPERATOR",
                                "AGENCY_ADMIN", "COLLECTOR")
                        .requestMatchers("/placements/**").hasAnyRole("INSTITUTION_ADMIN", "INSTITUTION_OPERATOR",
                                "AGENCY_ADMIN")
                        // Collectors work placed accounts; the terms of the contract are their managers' business.
                        .requestMatchers("/contracts/**").hasAnyRole("PLATFORM_ADMIN", "INSTITUTION_ADMIN",
                                "INSTITUTION_OPERATOR", "AGENCY_ADMIN", "COMPLIANCE_OFFICER")
                        .requestMatchers("/organisation/users/**")
                        .hasAnyRole("PLATFORM_ADMIN", "INSTITUTION_ADMIN", "AGENCY_ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .sessionManagement(sessions -> sessions.maximumSessions(-1).sessionRegistry(sessionRegistry)
                        .expiredUrl("/login?expired"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }
}
