package app.tablecart.auth.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A token subject (ours or an external provider's) and the numeric id tablecart knows it by. */
@Entity
@Table(name = "app_user")
public class AppUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String subject;

    protected AppUser() {}

    public AppUser(String subject) {
        this.subject = subject;
    }

    public Long getId() {
        return id;
    }
}
