class ChangeUsers < ActiveRecord::Migration[6.1]
  def up
    add_column :users, :nickname, :string, limit: 40
    rename_column :users, :name, :full_name
    change_column :users, :age, :integer
    change_column_null :users, :email, true
    remove_column :users, :big
    remove_columns :users, :ratio, :score
    add_reference :users, :account, type: :string, index: true
    add_index :users, :email, unique: true
    execute <<~SQL
      CREATE VIEW user_emails AS
      SELECT id, email, full_name FROM users
    SQL
  end

  def down
    drop_table :users
  end
end
